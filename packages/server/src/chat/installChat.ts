import type { FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import type { SettingsStore } from '../settings/settingsStore';
import type { FeedbackTrigger } from '../feedback/feedbackTrigger';
import { ResolveTask } from '../guidance/resolveTask';
import type { PublicFormGuard } from '../helpRequests/publicFormGuard';
import { now as clockNow } from '../time/clock';
import { ChatBus } from './chatBus';
import { ChatMessages } from './chatMessages';
import { ChatSettingsStore } from './chatSettings';
import { registerChatRoutes } from './chatRoutes';
import { registerChatSocket } from './chatSocket';
import { CloseChat } from './closeChat';
import { CLOSED_SERVICE_SWEEP_MS, ClosedServiceChats } from './closedServiceChats';
import { OpenChat } from './openChat';
import { LeaveChat } from './leaveChat';
import { TakeNextChat } from './takeNextChat';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  guidance: GuidanceSettings;
  settings: SettingsStore;
  feedback: FeedbackTrigger;
  /** Counts anonymous chats per client address, as for the public forms. */
  guard: PublicFormGuard;
}

export interface Chat {
  /** Ends the waits of chat services closed at `at` (the periodic sweep's work; tests call it). */
  sweepClosedServices(at?: Date): Promise<number>;
  stop(): Promise<void>;
}

/** The live chat: its settings, its delivery between processes, its routes and socket, and the closing sweep. */
export async function installChat(app: FastifyInstance, { db, fhir, tokens, guidance, settings, feedback, guard }: Deps): Promise<Chat> {
  const chatSettings = new ChatSettingsStore(settings);
  await chatSettings.ensureDefaults();
  const bus = new ChatBus(db);
  await bus.start();
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const closedServices = new ClosedServiceChats(db, fhir, chatSettings, bus);
  const messages = new ChatMessages(db, fhir, guidance, bus);
  registerChatSocket(app, { db, fhir, tokens, bus, messages, settings: chatSettings });
  registerChatRoutes(app, {
    db,
    fhir,
    tokens,
    settings: chatSettings,
    open: new OpenChat(db, fhir, guidance, chatSettings, bus, guard),
    next: new TakeNextChat(db, fhir, chatSettings, bus),
    close: new CloseChat(db, fhir, new ResolveTask(db, fhir, guidance, undefined, feedback), new ResolveTask(db, fhir, guidance), bus),
    closedServices,
    leave: new LeaveChat(db, fhir, bus),
  });
  const sweep = setInterval(() => void closedServices.sweep(clockNow()).catch((e: unknown) => app.log.warn(`closed chat services: ${(e as Error).message}`)), CLOSED_SERVICE_SWEEP_MS);
  sweep.unref();
  return {
    sweepClosedServices: (at = clockNow()) => closedServices.sweep(at),
    stop: async () => {
      clearInterval(sweep);
      await bus.stop();
    },
  };
}
