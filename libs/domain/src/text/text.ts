import { z } from 'zod';

/** Every text a person reads in a scenario comes in Japanese and English. */
export const BilingualSchema = z.strictObject({
  ja: z.string().min(1),
  en: z.string().min(1),
});
export type Bilingual = z.infer<typeof BilingualSchema>;

export type Locale = 'ja' | 'en';

export function formatYen(amountYen: number): string {
  const sign = amountYen < 0 ? '−' : '';
  return `${sign}¥${Math.abs(Math.round(amountYen)).toLocaleString('en-US')}`;
}
