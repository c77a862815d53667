/**
 * Editing a questionnaire's texts and status (`GET/PUT /fhir/R4/Questionnaire/<id>`, admin; the
 * update carries `If-Match` on the version read, 412 when someone saved meanwhile) and its
 * versions (`GET …/_history`). Finnish is the base text; Swedish and English ride on the
 * standard translation extension. The structure (questions, answers, conditions) is untouched.
 */
import type { Bundle, Element, Extension, Questionnaire } from '@medplum/fhirtypes';
import type { TranslatedQuestionnaire, TranslatedQuestionnaireItem } from '@ovi/domain/src/translation';
import type { Language, LocalizedText } from '@ovi/domain/src/types';
import { api } from './client';
import { savedByOf } from './questionnaireStructure.resource';
import { FHIR_BASE, TRANSLATION_URL, resourcesOf, textsOf } from './fhir';

export type StoredQuestionnaire = TranslatedQuestionnaire & { id: string; meta?: { versionId?: string; lastUpdated?: string } };

export interface OptionTexts {
  code: string;
  display: LocalizedText;
}

export interface ItemTexts {
  linkId: string;
  type: string;
  text: LocalizedText;
  options: OptionTexts[];
  items: ItemTexts[];
}

/** Everything the form edits: status, title, description and every question's and answer's text. */
export interface QuestionnaireTexts {
  status: Questionnaire['status'];
  title: LocalizedText;
  description: LocalizedText;
  items: ItemTexts[];
}

const full = (base: string | undefined, element: Element | undefined): LocalizedText => {
  const texts = textsOf(base, element);
  return { fi: texts.fi, sv: texts.sv ?? '', en: texts.en ?? '' };
};

function itemTexts(item: TranslatedQuestionnaireItem): ItemTexts {
  return {
    linkId: item.linkId,
    type: item.type,
    text: full(item.text, item._text),
    options: (item.answerOption ?? []).flatMap((o) => (o.valueCoding ? [{ code: o.valueCoding.code ?? '', display: full(o.valueCoding.display, o.valueCoding._display) }] : [])),
    items: (item.item ?? []).map(itemTexts),
  };
}

export function textsOfQuestionnaire(q: StoredQuestionnaire): QuestionnaireTexts {
  const raw = q as StoredQuestionnaire & { _description?: Element };
  return {
    status: q.status,
    title: full(q.title ?? q.name, q._title),
    description: full(q.description, raw._description),
    items: (q.item ?? []).map(itemTexts),
  };
}

/** The element's own extensions with its translations replaced by `text`'s Swedish and English. */
function translated(element: Element | undefined, text: LocalizedText): Element | undefined {
  const others = (element?.extension ?? []).filter((e) => e.url !== TRANSLATION_URL);
  const translations: Extension[] = (['sv', 'en'] as Language[])
    .filter((lang) => text[lang].trim())
    .map((lang) => ({
      url: TRANSLATION_URL,
      extension: [
        { url: 'lang', valueCode: lang },
        { url: 'content', valueString: text[lang].trim() },
      ],
    }));
  const extension = [...others, ...translations];
  return extension.length > 0 ? { ...element, extension } : undefined;
}

function withItemTexts(item: TranslatedQuestionnaireItem, texts: ItemTexts | undefined): TranslatedQuestionnaireItem {
  if (!texts) return item;
  const next: TranslatedQuestionnaireItem = { ...item };
  if (texts.text.fi.trim()) next.text = texts.text.fi.trim();
  const element = translated(item._text, texts.text);
  if (element) next._text = element;
  else delete next._text;
  if (item.answerOption) {
    next.answerOption = item.answerOption.map((o) => {
      const option = texts.options.find((x) => x.code === o.valueCoding?.code);
      if (!o.valueCoding || !option) return o;
      const coding = { ...o.valueCoding, ...(option.display.fi.trim() ? { display: option.display.fi.trim() } : {}) };
      const display = translated(o.valueCoding._display, option.display);
      if (display) coding._display = display;
      else delete coding._display;
      return { ...o, valueCoding: coding };
    });
  }
  if (item.item) next.item = item.item.map((child) => withItemTexts(child, texts.items.find((x) => x.linkId === child.linkId)));
  return next;
}

/** The questionnaire with the edited texts and status written in; its structure stays as it was. */
export function withTexts(q: StoredQuestionnaire, texts: QuestionnaireTexts): StoredQuestionnaire {
  const next = { ...q, status: texts.status } as StoredQuestionnaire & { _description?: Element };
  next.title = texts.title.fi.trim();
  const title = translated(q._title, texts.title);
  if (title) next._title = title;
  else delete next._title;
  const description = texts.description.fi.trim();
  if (description) next.description = description;
  else delete next.description;
  const descriptionElement = translated((q as { _description?: Element })._description, texts.description);
  if (descriptionElement && description) next._description = descriptionElement;
  else delete next._description;
  next.item = (q.item ?? []).map((item) => withItemTexts(item, texts.items.find((x) => x.linkId === item.linkId)));
  return next;
}

export async function fetchQuestionnaire(id: string): Promise<StoredQuestionnaire> {
  return api.get<StoredQuestionnaire>(`${FHIR_BASE}/Questionnaire/${encodeURIComponent(id)}`);
}

/** Saves a new version; 412 when the stored version is no longer `versionId`. */
export async function saveQuestionnaire(q: StoredQuestionnaire): Promise<StoredQuestionnaire> {
  const version = q.meta?.versionId;
  const { data } = await api.put<StoredQuestionnaire>(`${FHIR_BASE}/Questionnaire/${encodeURIComponent(q.id)}`, q, version ? { 'If-Match': `W/"${version}"` } : undefined);
  return data;
}

/** Every version, newest first, with when it was saved and by whom (the server signs each version it stores). */
export async function fetchQuestionnaireVersions(id: string): Promise<Array<{ version: number; updatedAt: string; updatedBy?: string; value: StoredQuestionnaire }>> {
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Questionnaire/${encodeURIComponent(id)}/_history`);
  return resourcesOf<Questionnaire>(bundle, 'Questionnaire')
    .map((q) => {
      const updatedBy = savedByOf(q as StoredQuestionnaire);
      return { version: Number(q.meta?.versionId ?? 0), updatedAt: q.meta?.lastUpdated ?? '', ...(updatedBy ? { updatedBy } : {}), value: q as StoredQuestionnaire };
    })
    .filter((v) => v.version > 0)
    .sort((a, b) => b.version - a.version);
}
