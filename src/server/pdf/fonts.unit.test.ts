import { describe, expect, it } from 'vitest';
import { loadDocumentFonts } from './fonts';

const fonts = await loadDocumentFonts();
const printable = (text: string, language: 'en' | 'it' = 'en') => fonts.printable(text, language);

describe('the document fonts', () => {
  it('are read from their package once and kept', async () => {
    expect(await loadDocumentFonts()).toBe(fonts);
    for (const file of Object.values(fonts.files)) expect(file.subarray(0, 4).toString('hex')).toBe('00010000');
  });

  it('print names in Latin of every European language, Greek and Cyrillic exactly', () => {
    for (const name of [
      'Łukasz Dvořák',
      'Şahin Öztürk',
      'Αλέξανδρος Παπαδόπουλος',
      'Дмитрий Иванов',
      'Ævar Þórsson',
      'Jürgen Groß',
      'Ørjan Ålvik',
      'Zoë Ó Súilleabháin',
      'Ђорђе Љубић',
      'Nguyễn Văn Thắng',
    ]) {
      expect(printable(name)).toBe(name);
    }
    expect(printable('€ – “quoted” ‘single’ • …')).toBe('€ – “quoted” ‘single’ • …');
  });

  it('compose accents, keep line breaks, make tabs and control characters spaces and leave out invisible ones', () => {
    expect(printable('Citta\u0300\r\nriga\tdue\rtre\u0007!')).toBe('Città\nriga due\ntre !');
    expect(printable('Łu\u200bkasz\ufeff Dvo\u00adřák')).toBe('Łukasz Dvořák');
  });

  it('print a notice in the document’s language instead of a name with characters outside the fonts, never a ?', () => {
    expect(printable('王小明')).toBe('[could not be printed: characters outside the document font]');
    expect(printable('Giulia 😀 Bianchi', 'it')).toBe('[non stampabile: caratteri assenti dal font del documento]');
    expect(printable('Łukasz 日本 Rossi')).not.toContain('Łukasz');
  });
});
