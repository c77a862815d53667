/**
 * The client's preferred language, for the parts of the contact view that write to the
 * client (the reply templates): ContactView knows it from the overview, the decision form
 * reads it here without new props.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Language } from '@ovi/domain/src/types';

const ClientLanguageContext = createContext<Language | undefined>(undefined);

export function ClientLanguageProvider({ language, children }: { language: Language | undefined; children: ReactNode }) {
  return <ClientLanguageContext.Provider value={language}>{children}</ClientLanguageContext.Provider>;
}

/** Undefined when the client's language is not known or not one Ovi writes in. */
export function useClientLanguage(): Language | undefined {
  return useContext(ClientLanguageContext);
}
