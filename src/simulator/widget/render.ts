// Redrawing the page after a change. The drawing itself (page-view.ts) is handed in at startup, so the modules that
// change the state can ask for a redraw without importing the view, whose buttons call back into them.
let draw: () => void = () => undefined;

export function setDrawer(drawer: () => void): void {
  draw = drawer;
}

export function render(): void {
  try {
    draw();
  } catch (error) {
    console.error('rc-call-logger simulator: could not draw', error);
  }
}
