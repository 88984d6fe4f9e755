import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/errors';
import { fieldKeyOf, mergeNewest } from './questionnaireLogic';
import type { Answer, SavedAnswers } from './types';

export type SaveState =
  { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'error'; error: unknown };

interface InFlight {
  batch: Record<string, unknown>;
  done: Promise<unknown>;
}

const saveDelayMs = 600;

/**
 * The answers the form shows: the server's, with the user's own edits on top. Each edit is saved on its own after a
 * short pause (only the fields that changed); a field keeps the user's value while they are in it, and otherwise shows
 * the newest server value, so an answer changed by someone else appears without a reload.
 */
export function useAnswerDrafts(
  detailAnswers: Record<string, Answer>,
  onSaveAnswers: (answers: Record<string, unknown>) => Promise<SavedAnswers>,
) {
  const [serverAnswers, setServerAnswers] = useState(detailAnswers);
  const [seenDetailAnswers, setSeenDetailAnswers] = useState(detailAnswers);
  if (seenDetailAnswers !== detailAnswers) {
    // A refetch (window focus, after a save): take what is newer than what we know.
    setSeenDetailAnswers(detailAnswers);
    setServerAnswers((current) => mergeNewest(current, detailAnswers));
  }
  const [drafts, setDrafts] = useState<Record<string, unknown>>({});
  const [saveState, setSaveState] = useState<SaveState>({ state: 'idle' });
  const [rejected, setRejected] = useState<Record<string, string>>({});
  const rejectedNow = useRef<Record<string, string>>({});

  const pending = useRef<Record<string, unknown>>({});
  const inFlight = useRef<InFlight | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const focused = useRef<string | null>(null);
  const save = useRef(onSaveAnswers);
  useLayoutEffect(() => {
    save.current = onSaveAnswers;
  }, [onSaveAnswers]);

  const updateRejected = useCallback((update: (current: Record<string, string>) => Record<string, string>) => {
    rejectedNow.current = update(rejectedNow.current);
    setRejected(rejectedNow.current);
  }, []);

  /** Drops the drafts that the server now holds, except the field the user is in. */
  const settleDrafts = useCallback((keys: readonly string[], sent: Record<string, unknown>) => {
    setDrafts((current) => {
      let next = current;
      for (const key of keys) {
        if (!(key in current) || current[key] !== sent[key]) continue;
        if (focused.current === key || key in pending.current) continue;
        if (next === current) next = { ...current };
        delete next[key];
      }
      return next;
    });
  }, []);

  /** Saves whatever is waiting now; resolves true once everything the user typed is saved. */
  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    // Saves run one after the other, so that the last change of a field is also the last one the server gets.
    for (;;) {
      while (inFlight.current) await inFlight.current.done.catch(() => undefined);
      const batch = pending.current;
      const keys = Object.keys(batch);
      if (keys.length === 0) return true;
      pending.current = {};
      setSaveState({ state: 'saving' });
      const request = save.current(batch);
      inFlight.current = { batch, done: request };
      try {
        const saved = await request;
        inFlight.current = null;
        setServerAnswers((current) => mergeNewest(current, saved.answers));
        updateRejected((current) =>
          keys.some((key) => key in current)
            ? Object.fromEntries(Object.entries(current).filter(([key]) => !keys.includes(key)))
            : current,
        );
        settleDrafts(keys, batch);
        if (Object.keys(pending.current).length === 0) {
          setSaveState({ state: 'saved' });
          return true;
        }
      } catch (error) {
        inFlight.current = null;
        // An answer the server refuses is kept on screen with its reason, and not sent again until it changes.
        const refused: Record<string, string> = {};
        if (error instanceof ApiError && error.code === 'validation_failed') {
          for (const problem of error.details) {
            const key = fieldKeyOf(problem.path);
            if (key !== undefined && key in batch) refused[key] = problem.message;
          }
        }
        const retry = Object.fromEntries(Object.entries(batch).filter(([key]) => !(key in refused)));
        pending.current = { ...retry, ...pending.current };
        if (Object.keys(refused).length > 0) updateRejected((current) => ({ ...current, ...refused }));
        setSaveState({ state: 'error', error });
        return false;
      }
    }
  }, [settleDrafts, updateRejected]);

  const change = useCallback(
    (key: string, value: unknown) => {
      setDrafts((current) => ({ ...current, [key]: value }));
      pending.current = { ...pending.current, [key]: value };
      if (key in rejectedNow.current) {
        updateRejected((current) =>
          Object.fromEntries(Object.entries(current).filter(([rejectedKey]) => rejectedKey !== key)),
        );
      }
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), saveDelayMs);
    },
    [flush, updateRejected],
  );

  /** Keeps a value on screen that cannot be sent yet (a number out of range): it is not saved. */
  const holdInvalid = useCallback(
    (key: string, value: unknown, message: string) => {
      setDrafts((current) => ({ ...current, [key]: value }));
      const { [key]: _dropped, ...rest } = pending.current;
      pending.current = rest;
      updateRejected((current) => ({ ...current, [key]: message }));
    },
    [updateRejected],
  );

  const enterField = useCallback((key: string) => {
    focused.current = key;
  }, []);

  const leaveField = useCallback(
    (key: string) => {
      if (focused.current === key) focused.current = null;
      if (key in pending.current) {
        void flush();
        return;
      }
      if (inFlight.current && key in inFlight.current.batch) return;
      // A refused value stays on screen beside its reason until the user corrects it.
      if (key in rejectedNow.current) return;
      setDrafts((current) => {
        if (!(key in current)) return current;
        const { [key]: _dropped, ...rest } = current;
        return rest;
      });
    },
    [flush],
  );

  const retry = useCallback(() => void flush(), [flush]);

  // Leaving the page saves what is waiting, and the browser warns if a save could still be lost.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (Object.keys(pending.current).length > 0 || inFlight.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      void flush();
    };
  }, [flush]);

  const values = useMemo(() => {
    const merged: Record<string, unknown> = {};
    for (const [key, answer] of Object.entries(serverAnswers)) merged[key] = answer.value;
    return { ...merged, ...drafts };
  }, [serverAnswers, drafts]);

  return { values, serverAnswers, saveState, rejected, change, holdInvalid, enterField, leaveField, flush, retry };
}
