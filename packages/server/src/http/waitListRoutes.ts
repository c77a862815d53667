import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/tokens';
import type { WaitList } from '../scheduling/waitList';
import { badRequest } from '../fhir/outcomes';
import { requestContext } from './requestContext';

interface Deps {
  tokens: TokenService;
  waitList: WaitList;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

function checkId(id: string, what: string): string {
  if (!ID.test(id)) throw badRequest(`'${id.slice(0, 80)}' is not a valid ${what} id`);
  return id;
}

/** The wait list for an earlier time (docs/API.md "Wait list"): residents, for themselves and whom they act for. */
export function registerWaitListRoutes(app: FastifyInstance, { tokens, waitList }: Deps): void {
  app.get('/api/wait-list', async (request) => waitList.list(await requestContext(request, tokens)));

  app.post('/api/wait-list', async (request, reply) => {
    const { entry, created } = await waitList.join(await requestContext(request, tokens), request.body);
    return reply.code(created ? 201 : 200).send(entry);
  });

  app.delete<{ Params: { appointmentId: string } }>('/api/wait-list/:appointmentId', async (request, reply) => {
    await waitList.leave(await requestContext(request, tokens), checkId(request.params.appointmentId, 'Appointment'));
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/wait-list/offers/:id/accept', async (request, reply) => {
    const appointment = await waitList.accept(await requestContext(request, tokens), checkId(request.params.id, 'offer'));
    return reply.code(201).type('application/fhir+json').send(appointment);
  });
}
