/** Client feedback after a visit or a closed contact (pure). */
export * from './feedbackSurvey';
export * from './feedbackAnswer';
export * from './netPromoterScore';
export * from './feedbackResults';
export * from './feedbackPeriod';
