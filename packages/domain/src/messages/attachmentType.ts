/**
 * What a message attachment really is, read from its first bytes. A file's name and the type
 * its sender declares are only claims: a renamed program or web page must never be stored or
 * served as a picture. Only JPEG, PNG and PDF are taken, at most 10 MiB.
 */

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** 10 MiB: a phone photo or a scanned letter fits; a video does not. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: ReadonlyArray<{ type: AttachmentType; bytes: number[] }> = [
  // JPEG: SOI marker and the first marker's prefix.
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // PNG: the eight-byte signature.
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // PDF: "%PDF-".
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/** The attachment type the content's magic bytes show, or undefined for anything else. */
export function sniffAttachmentType(content: Uint8Array): AttachmentType | undefined {
  return SIGNATURES.find((s) => s.bytes.length <= content.length && s.bytes.every((b, i) => content[i] === b))?.type;
}

/** The media type of a Content-Type header, lower-case, without parameters ("image/PNG; x=y" → "image/png"). */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export type UploadCheck =
  | { ok: true; contentType: AttachmentType; size: number }
  | { ok: false; status: 400 | 413 | 415; reason: string };

/**
 * Whether an upload may be stored: not empty, not over the limit, declared as one of the
 * accepted types, and its content really of the type declared (a PNG sent as a JPEG is refused
 * too: a client that lies about one thing is not trusted with the other).
 */
export function checkUpload(declared: string | undefined, content: Uint8Array): UploadCheck {
  if (content.length === 0) return { ok: false, status: 400, reason: 'The file is empty' };
  if (content.length > MAX_ATTACHMENT_BYTES) return { ok: false, status: 413, reason: `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` };
  const type = mediaTypeOf(declared);
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, status: 415, reason: `Only JPEG, PNG and PDF files can be attached (Content-Type ${ATTACHMENT_TYPES.join(', ')}); got '${type.slice(0, 80) || 'none'}'` };
  }
  const actual = sniffAttachmentType(content);
  if (actual !== type) {
    return {
      ok: false,
      status: 415,
      reason: actual
        ? `The file is a ${describe(actual)} but was sent as ${describe(type as AttachmentType)}`
        : `The file's content is not a ${describe(type as AttachmentType)} (only JPEG, PNG and PDF files can be attached)`,
    };
  }
  return { ok: true, contentType: actual, size: content.length };
}

function describe(type: AttachmentType): string {
  return type === 'image/jpeg' ? 'JPEG image' : type === 'image/png' ? 'PNG image' : 'PDF document';
}
