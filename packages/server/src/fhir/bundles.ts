import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { SearchRequest } from './searchRequest';
import { applySubset } from './subsetting';

type Stamped = Resource & { id: string; meta: { versionId: string; lastUpdated: string } };

/**
 * Self, next and previous links that keep the query, with the page size as applied (a capped
 * `_count` shows the cap). `_count=0` asks for the total alone: no next page to follow.
 */
function pageLinks(url: string, request: SearchRequest, query: URLSearchParams, total: number): NonNullable<Bundle['link']> {
  const link = (offset: number) => {
    const q = new URLSearchParams(query);
    q.set('_count', String(request.count));
    q.set('_offset', String(offset));
    return `${url}?${q.toString()}`;
  };
  const links: NonNullable<Bundle['link']> = [{ relation: 'self', url: link(request.offset) }];
  if (request.count === 0) return links;
  if (request.offset + request.count < total) links.push({ relation: 'next', url: link(request.offset + request.count) });
  if (request.offset > 0) links.push({ relation: 'previous', url: link(Math.max(0, request.offset - request.count)) });
  return links;
}

/** A searchset Bundle with total and paging links; `_summary`/`_elements` applied to each entry. */
export function searchBundle(baseUrl: string, request: SearchRequest, query: URLSearchParams, resources: Resource[], total: number): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: pageLinks(`${baseUrl}/${request.resourceType}`, request, query, total),
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource: applySubset(resource, request.subset),
      search: { mode: 'match' },
    })),
  };
}

/**
 * A history Bundle as R4 defines it: each entry has the version, the `request` that made it and
 * its `response` (bdl-3, bdl-4), `fullUrl` without a version (bdl-8); newest first, paged.
 * Ovi never deletes, so every entry has its resource.
 */
export function historyBundle(url: string, request: SearchRequest, query: URLSearchParams, versions: Stamped[], total: number, baseUrl: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    total,
    link: pageLinks(url, request, query, total),
    entry: versions.map((resource) => {
      const created = resource.meta.versionId === '1';
      return {
        fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
        resource,
        request: { method: created ? ('POST' as const) : ('PUT' as const), url: created ? resource.resourceType : `${resource.resourceType}/${resource.id}` },
        response: {
          status: created ? '201 Created' : '200 OK',
          location: `${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`,
          etag: `W/"${resource.meta.versionId}"`,
          lastModified: resource.meta.lastUpdated,
        },
      };
    }),
  };
}
