/**
 * What the UI benchmark runs inside the page: observers of long tasks, Event Timing and the API's
 * requests, and a wait for "this condition is painted". Plain JavaScript in strings: tsx would wrap a
 * function's inner functions in a helper the page does not have.
 */

/** One measured interaction, in ms. */
export interface Sample {
  /** From the input event's time stamp to the painted result. */
  readonly totalMs: number;
  /** The Event Timing API's longest duration for the input's events (0 when under its 16 ms floor). */
  readonly eventMs: number;
  /** The durations of the tasks over 50 ms from the input until 250 ms after the paint. */
  readonly longTasks: readonly number[];
  /** From the first API request's start to the last one's end, of those made for the result. */
  readonly apiMs: number | null;
  /** The 60 Hz display intervals from the input to the frame that shows the result (its animation frame's time stamp): 1 is the next frame. */
  readonly frames: number;
}

export const INSTRUMENT = `(() => {
  const FRAME_MS = 1000 / 60;
  const ll = { longTasks: [], events: [], resources: [], firstRow: null, pending: null, before: undefined };
  window.__ll = ll;
  const observe = (type, options, sink) => {
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) sink(entry); }).observe({ type, buffered: true, ...options });
  };
  observe('longtask', {}, (entry) => { ll.longTasks.push({ start: entry.startTime, duration: entry.duration }); });
  observe('event', { durationThreshold: 16 }, (entry) => { ll.events.push({ start: entry.startTime, duration: entry.duration }); });
  observe('resource', {}, (entry) => { if (new URL(entry.name).pathname.startsWith('/api/')) ll.resources.push({ start: entry.startTime, end: entry.responseEnd }); });
  // A message posted from an animation frame runs after that frame is painted.
  const afterPaint = (resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { resolve(performance.now()); };
    channel.port2.postMessage(null);
  };
  const waitFor = (condition, timeoutMs) => new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const check = (frameTime) => {
      let met = false;
      try { met = condition(frameTime); } catch { met = false; }
      if (met) afterPaint(resolve);
      else if (performance.now() > deadline) reject(new Error('the result was not painted within ' + timeoutMs + ' ms'));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  const summarize = (start, painted, frames) => new Promise((resolve) => {
    setTimeout(() => {
      const longTasks = ll.longTasks.filter((task) => task.start + task.duration > start && task.start < painted + 250).map((task) => task.duration);
      const eventMs = Math.max(0, ...ll.events.filter((entry) => entry.start >= start - 1 && entry.start <= painted).map((entry) => entry.duration));
      const requests = ll.resources.filter((request) => request.start >= start && request.end <= painted);
      const apiMs = requests.length === 0 ? null : Math.max(...requests.map((request) => request.end)) - Math.min(...requests.map((request) => request.start));
      resolve({ totalMs: painted - start, eventMs, longTasks, apiMs, frames });
    }, 250);
  });
  // The first worklist row of every load, timed from the navigation's start.
  waitFor(() => document.querySelector('[data-testid="worklist-grid"] [role="row"][data-customer-id]') !== null, 60000)
    .then((painted) => summarize(0, painted, 0))
    .then((sample) => { ll.firstRow = sample; });
  ll.arm = (condition, before) => {
    ll.before = before();
    let start = null;
    const onInput = (event) => {
      if (start === null) start = event.timeStamp;
      window.removeEventListener('keydown', onInput, true);
      window.removeEventListener('pointerdown', onInput, true);
    };
    window.addEventListener('keydown', onInput, true);
    window.addEventListener('pointerdown', onInput, true);
    // The display intervals from the input to the frame that shows the result, from the frame's own
    // time (the animation frame's time stamp): 1 is the next frame, and a handler that holds the main
    // thread past it counts every interval it missed.
    let frames = 0;
    const counted = (frameTime) => {
      if (start === null || !condition()) return false;
      frames = Math.max(1, Math.ceil((frameTime - start) / FRAME_MS));
      return true;
    };
    ll.pending = waitFor(counted, 15000).then((painted) => summarize(start, painted, frames));
  };
})();`;

/** Arms the page: after the next key or pointer press, wait for `condition` (an expression that may read `window.__ll.before`, the value of `before` at arming) to be painted. */
export const armSource = (condition: string, before = `document.querySelector('[data-testid="worklist-grid"]')?.dataset.query`): string =>
  `window.__ll.arm(() => (${condition}), () => (${before}))`;

/** Waits for the armed interaction's sample. */
export const collectSource = (): string => 'window.__ll.pending';
