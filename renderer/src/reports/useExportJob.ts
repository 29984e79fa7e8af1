/** One background export at a time: start it, poll its status until it ends, cancel it. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationInput, OperationOutput } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';
import { api } from '../api/client';
import { i18n } from '../i18n/i18n';
import { documentLanguageOf } from '../../../shared/i18n/languages';

export type ExportStatus = OperationOutput<'report.exportStatus'>;
export type ExportRequest = OperationInput<'report.exportStart'>;

/** A job answers between customers, so a quarter second is smooth without flooding the API. */
const POLL_MS = 250;

export interface ExportJob {
  /** The latest status of the current job; null before the first start. */
  readonly status: ExportStatus | null;
  /** The start was refused (bad filter, unknown customer) or a status poll failed. */
  readonly error: ApiError | undefined;
  readonly starting: boolean;
  readonly running: boolean;
  readonly start: (request: ExportRequest) => void;
  readonly cancel: () => void;
}

export function useExportJob(): ExportJob {
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [starting, setStarting] = useState(false);
  const jobId = useRef<string | null>(null);
  const running = status?.state === 'running';

  useEffect(() => {
    if (status?.state !== 'running') return;
    const id = status.jobId;
    const timer = setTimeout(() => {
      void api['report.exportStatus']({ jobId: id }).then((result) => {
        if (jobId.current !== id) return;
        if (result.ok) setStatus(result.value);
        else setError(result.error);
      });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [status]);

  const start = useCallback((request: ExportRequest) => {
    setStarting(true);
    setError(undefined);
    void (async () => {
      // Exports are written in the user's language (a statement in its addressee's where it has a translation).
      const started = await api['report.exportStart']({ ...request, language: documentLanguageOf(i18n.language) });
      if (!started.ok) {
        setStarting(false);
        setError(started.error);
        return;
      }
      jobId.current = started.value.jobId;
      const first = await api['report.exportStatus']({ jobId: started.value.jobId });
      setStarting(false);
      if (jobId.current !== started.value.jobId) return;
      if (first.ok) setStatus(first.value);
      else setError(first.error);
    })();
  }, []);

  const cancel = useCallback(() => {
    const id = jobId.current;
    if (id === null) return;
    void api['report.exportCancel']({ jobId: id }).then((result) => {
      if (jobId.current !== id) return;
      if (result.ok) setStatus(result.value);
      else setError(result.error);
    });
  }, []);

  // Leaving the screen stops the polling only: the file is still written to the exports folder.
  useEffect(
    () => () => {
      jobId.current = null;
    },
    [],
  );

  return { status, error, starting, running, start, cancel };
}
