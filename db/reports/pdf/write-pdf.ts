/** The file appears only when the document is complete. */
import { createWriteStream } from 'node:fs';
import { finished, WRITE_BUFFER_BYTES, writeViaPartFile } from '../part-file';
import type { WriteContext } from '../table';
import { PdfReport, type PdfFrame } from './pdf-report';

/** Streams a PdfReport into a part file while `fill` draws it; the characters its fonts could not show go to `ctx`. */
export async function writePdf(path: string, frame: PdfFrame, ctx: WriteContext, fill: (report: PdfReport) => Promise<void>): Promise<void> {
  await writeViaPartFile(path, async (part) => {
    const out = createWriteStream(part, { highWaterMark: WRITE_BUFFER_BYTES });
    const closed = finished(out);
    const report = new PdfReport(frame);
    report.doc.pipe(out);
    try {
      await fill(report);
      report.doc.end();
      await closed;
      ctx.unprintable(report.missingCharacters);
    } catch (error) {
      report.doc.unpipe(out);
      out.destroy();
      await closed.catch(() => undefined);
      throw error;
    }
  });
}
