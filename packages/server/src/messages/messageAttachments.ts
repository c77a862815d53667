import { randomUUID } from 'node:crypto';
import type { Binary, Communication } from '@medplum/fhirtypes';
import { checkUpload } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { hasRole, isStaff } from '../auth/userContext';
import { FhirError, forbidden, notFound, outcome, tooManyRequests } from '../fhir/outcomes';
import { attachmentContent, attachmentInfo, storeAttachment, unsentUploads, type AttachmentInfo } from '../storage/messageAttachments';

/** Unsent uploads one person may hold at once: enough for a message being written, not a file store. */
export const MAX_UNSENT_UPLOADS = 20;
/** Uploads never sent are forgotten after a day. */
const UNSENT_HOURS = 24;

/**
 * Files attached to secure messages (`Binary`). An upload is checked by its content (JPEG, PNG
 * or PDF, at most 10 MB) and kept in the database; until a message names it only its uploader
 * may read it, afterwards exactly those who may read the message (`securityContext`), each read
 * audited like the message.
 */
export class MessageAttachments {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
  ) {}

  async upload(ctx: RequestContext, declared: string | undefined, content: Buffer): Promise<Binary & { id: string }> {
    if (!hasRole(ctx.user, 'resident') && !isStaff(ctx.user)) throw forbidden('Only residents and professionals attach files to messages');
    const checked = checkUpload(declared, content);
    if (!checked.ok) throw new FhirError(checked.status, outcome(checked.status === 413 ? 'too-costly' : checked.status === 415 ? 'not-supported' : 'invalid', checked.reason));
    if ((await unsentUploads(this.db, ctx.user.fhirUser, UNSENT_HOURS)) >= MAX_UNSENT_UPLOADS) {
      throw tooManyRequests(`You have ${MAX_UNSENT_UPLOADS} files waiting to be sent; send or leave them (they are removed after a day) before uploading more`);
    }
    return toBinary(await storeAttachment(this.db, { id: randomUUID(), contentType: checked.contentType, data: content, uploadedBy: ctx.user.fhirUser }));
  }

  /** The file and its description, for those who may read it; anyone else is told it does not exist. */
  async read(ctx: RequestContext, id: string): Promise<{ binary: Binary & { id: string }; content: Uint8Array }> {
    const info = await attachmentInfo(this.db, id);
    if (!info) throw notFound(`Binary/${id} was not found`);
    if (!info.communication) {
      // Not sent yet: it belongs to no client's record, and to nobody but its uploader.
      if (info.uploadedBy !== ctx.user.fhirUser) throw notFound(`Binary/${id} was not found`);
    } else {
      const message = await this.fhir.store.read<Communication>('Communication', info.communication.slice('Communication/'.length));
      await this.fhir.authorize(ctx, message, 'read', [`Binary/${id}`, info.communication]);
    }
    const content = await attachmentContent(this.db, id);
    if (!content) throw notFound(`Binary/${id} was not found`);
    return { binary: toBinary(info), content };
  }
}

function toBinary(info: AttachmentInfo): Binary & { id: string } {
  return {
    resourceType: 'Binary',
    id: info.id,
    meta: { versionId: '1', lastUpdated: info.uploadedAt },
    contentType: info.contentType,
    ...(info.communication ? { securityContext: { reference: info.communication } } : {}),
  };
}
