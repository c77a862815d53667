import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { SearchRequest } from './searchRequest';

/** A searchset Bundle with total and self/next/previous links that keep the query. */
export function searchBundle(baseUrl: string, request: SearchRequest, query: URLSearchParams, resources: Resource[], total: number): Bundle {
  const link = (offset: number) => {
    const q = new URLSearchParams(query);
    q.set('_count', String(request.count));
    q.set('_offset', String(offset));
    return `${baseUrl}/${request.resourceType}?${q.toString()}`;
  };
  const links: Bundle['link'] = [{ relation: 'self', url: link(request.offset) }];
  if (request.offset + request.count < total) links.push({ relation: 'next', url: link(request.offset + request.count) });
  if (request.offset > 0) links.push({ relation: 'previous', url: link(Math.max(0, request.offset - request.count)) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: links,
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

export function historyBundle(baseUrl: string, versions: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    total: versions.length,
    entry: versions.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      request: { method: resource.meta?.versionId === '1' ? 'POST' : 'PUT', url: `${resource.resourceType}/${resource.id}` },
    })),
  };
}
