/**
 * A PDF's first pages drawn by pdf.js onto canvases: the same preview in the desktop app and the
 * browser, with no plugin and no change to the page's security policy. pdf.js is loaded when the
 * first PDF is previewed, not with the app.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { base64ToBytes } from './files';

/** Pages drawn at most: a remittance advice or a delivery note is a page or two. */
const PREVIEW_PAGES = 10;
const PAGE_WIDTH_PX = 760;

type State = { readonly kind: 'loading' } | { readonly kind: 'shown'; readonly pages: number; readonly drawn: number } | { readonly kind: 'failed'; readonly message: string };

async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

export function PdfPages({ content, fileName }: { content: string; fileName: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    // A function, not the variable: the cleanup changes it while a page draws.
    const stopped = (): boolean => cancelled;
    // Ends the loading and drawing under way when the preview closes.
    let stop = (): void => undefined;
    const host = container.current;
    const draw = async () => {
      const pdfjs = await loadPdfJs();
      if (stopped()) return;
      // No eval: the page's policy forbids it, and a PDF's fonts render without.
      const loading = pdfjs.getDocument({ data: base64ToBytes(content), isEvalSupported: false });
      stop = () => void loading.destroy();
      try {
        const document = await loading.promise;
        const count = Math.min(document.numPages, PREVIEW_PAGES);
        for (let number = 1; number <= count && !stopped() && host !== null; number += 1) {
          const page = await document.getPage(number);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (PAGE_WIDTH_PX / base.width) * window.devicePixelRatio });
          const canvas = window.document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.style.width = '100%';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('attachments.pdf.page', { file: fileName, number, total: document.numPages }));
          canvas.dataset.testid = 'pdf-page';
          await page.render({ canvas, viewport }).promise;
          if (stopped()) break;
          host.append(canvas);
          setState({ kind: 'shown', pages: document.numPages, drawn: number });
        }
      } finally {
        // The document and its worker go whether the pages were drawn, failed or were left half-way.
        await loading.destroy();
      }
    };
    draw().catch((error: unknown) => {
      // pdf.js says what is wrong in a sentence of its own ("Invalid PDF structure.").
      if (!stopped()) setState({ kind: 'failed', message: (error instanceof Error ? error.message : String(error)).replace(/\.$/, '') });
    });
    return () => {
      cancelled = true;
      stop();
      host?.replaceChildren();
    };
  }, [content, fileName, t]);

  return (
    <Box>
      {state.kind === 'loading' && (
        <Typography variant="body2" color="text.secondary">
          {t('attachments.pdf.drawing')}
        </Typography>
      )}
      {state.kind === 'failed' && (
        <Alert severity="warning">{t('attachments.pdf.failed', { message: state.message })}</Alert>
      )}
      <Box ref={container} sx={{ display: 'grid', gap: 1, '& canvas': { boxShadow: 1, bgcolor: 'common.white' } }} />
      {state.kind === 'shown' && state.pages > state.drawn && state.drawn === PREVIEW_PAGES && (
        <Typography variant="caption" color="text.secondary">
          {t('attachments.pdf.cut', { shown: PREVIEW_PAGES, total: state.pages })}
        </Typography>
      )}
    </Box>
  );
}
