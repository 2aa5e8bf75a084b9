// Page-side measuring aids shared by element.html, baseline.html and cost.html; not part of what an integrator
// writes. `bench.side` is set by each page: `mount()` starts its widget, `unmount()` removes it.
(() => {
  const settledWaiters = [];

  // Capture phase: at the window, capture listeners run before every other `message` listener, so the marker's
  // setTimeout is queued before anything the element or the baseline could schedule while handling the same event.
  window.addEventListener(
    'message',
    (event) => {
      const type = event.data?.type;
      if (type === 'rc-adapter-pushAdapterState') {
        // Figure 4: a marker one task later. A registration the widget sees before it was sent in this task.
        const { source, origin } = event;
        setTimeout(() => source.postMessage({ type: 'bench-marker' }, origin));
      } else if (type === 'bench-settled') {
        for (const wake of settledWaiters.splice(0)) wake();
      }
    },
    true,
  );

  function deadline(promise, ms, what) {
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  }

  const nextSettled = () => new Promise((resolve) => settledWaiters.push(resolve));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Resolves once no widget is on the page any more (the element removes its widget some time after it leaves). */
  async function gone() {
    const started = performance.now();
    while (document.getElementById('rc-widget') || window.RCAdapter) {
      if (performance.now() - started > 10_000) throw new Error('the widget is still on the page 10 s after unmount');
      await sleep(10);
    }
  }

  window.bench = {
    side: undefined,
    deadline,
    nextSettled,
    gone,
    /** Figure 6: `count` cycles of mount, wait until the widget booted and exchanged its first requests, unmount.
     * Resolves with ms per cycle, once the last widget has left the page. */
    async cycles(count) {
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const settled = nextSettled();
        this.side.mount();
        await deadline(settled, 10_000, `mount cycle ${i + 1}`);
        this.side.unmount();
      }
      await gone();
      return (performance.now() - started) / count;
    },
  };
})();
