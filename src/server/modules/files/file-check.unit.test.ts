import { describe, expect, it } from 'vitest';
import { checkUpload, cleanFileName } from './file-check';

const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0c0e1e10000000049454e44ae426082',
  'hex',
);
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

describe('checking an upload by its content', () => {
  it('keeps the name and takes the type from the content, fixing a misleading extension', async () => {
    expect(await checkUpload('diagram.png', png, 1024)).toEqual({
      contentType: 'image/png',
      downloadName: 'diagram.png',
    });
    expect(await checkUpload('diagram.pdf', png, 1024)).toEqual({
      contentType: 'image/png',
      downloadName: 'diagram.pdf.png',
    });
  });

  it('accepts UTF-8 text only under a text name, and refuses binary data named .txt', async () => {
    expect(await checkUpload('users.csv', Buffer.from('name;extension\nRossi;201\n'), 1024)).toEqual({
      contentType: 'text/csv; charset=utf-8',
      downloadName: 'users.csv',
    });
    await expect(checkUpload('notes.txt', Buffer.from([0x00, 0x01, 0xff, 0xfe]), 1024)).rejects.toMatchObject({
      code: 'file_type_refused',
    });
    await expect(checkUpload('script.sh', Buffer.from('echo hello\n'), 1024)).rejects.toMatchObject({
      code: 'file_type_refused',
    });
  });

  it('refuses programs whatever their name, in the reader’s language', async () => {
    await expect(checkUpload('report.docx', elf, 1024)).rejects.toMatchObject({
      code: 'file_type_refused',
      message: expect.stringMatching(/^“report\.docx” is a program \(\.elf\), even though its name ends in \.docx/),
    });
    await expect(checkUpload('report.docx', elf, 1024, 'it')).rejects.toMatchObject({
      message: expect.stringMatching(/^“report\.docx” è un programma \(\.elf\), anche se il nome finisce in \.docx/),
    });
  });

  it('refuses empty and oversized files, saying the sizes', async () => {
    await expect(checkUpload('empty.pdf', Buffer.alloc(0), 1024)).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/is empty/),
    });
    await expect(checkUpload('big.png', Buffer.concat([png, Buffer.alloc(2048)]), 1024)).rejects.toMatchObject({
      code: 'payload_too_large',
      message: '“big.png” is 2 KB; files may be at most 1 KB.',
    });
  });

  it('shows a name without its path or control characters', () => {
    expect(cleanFileName('C:\\Users\\ann\\..\\Desktop\\plan\u0007.pdf')).toBe('plan.pdf');
    expect(cleanFileName('../../')).toBe('file');
  });
});
