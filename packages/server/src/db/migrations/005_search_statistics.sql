-- The index tables' columns are strongly correlated (a parameter belongs to one resource type;
-- `active = true` is one value among few). Without statistics on them together the planner
-- estimated one row where there were hundreds and chose nested loops over whole token lists.
CREATE STATISTICS search_token_values (dependencies, mcv) ON resource_type, param, value FROM search_token;
CREATE STATISTICS search_string_params (dependencies) ON resource_type, param, value FROM search_string;
CREATE STATISTICS search_date_params (dependencies) ON resource_type, param, low FROM search_date;
ANALYZE search_token;
ANALYZE search_string;
ANALYZE search_date;
