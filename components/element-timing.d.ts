// The Element Timing API's attribute (https://wicg.github.io/element-timing/): the browser reports
// when the marked element's text was first painted. The bench times the widget's order card with it.
import 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a merged declaration must repeat React's type parameter
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
