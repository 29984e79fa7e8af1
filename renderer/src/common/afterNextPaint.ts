/**
 * Runs `callback` once the next frame is painted (a message posted from an animation frame is
 * handled after that frame's paint), so work that needs an up-to-date layout, such as moving the
 * focus, finds it already done instead of forcing it inside the render that changed the page.
 * Returns a function that cancels it.
 */
export function afterNextPaint(callback: () => void): () => void {
  let cancelled = false;
  const frame = requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (!cancelled) callback();
    };
    channel.port2.postMessage(null);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
}
