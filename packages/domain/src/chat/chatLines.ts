/** Whether a Communication is a line of a chat's transcript (shown in the chat, not as a message thread or a contact's reply). */
import type { Communication } from '@medplum/fhirtypes';
import { SYSTEMS } from '../codes';

export const CHAT_CHANNEL_CODE = 'chat';

export function isChatLine(message: Communication): boolean {
  return message.category?.some((c) => c.coding?.some((code) => code.system === SYSTEMS.channel && code.code === CHAT_CHANNEL_CODE)) === true;
}
