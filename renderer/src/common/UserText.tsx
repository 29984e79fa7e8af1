/**
 * Text a person typed (a note, a name, a reason), shown isolated from what surrounds it: bidi
 * control characters already stored (an RLO in a customer name, say) then reorder only the text
 * itself and cannot make the label, amount or date next to it read differently. <bdi> isolates by
 * itself (unicode-bidi: isolate in every browser's own stylesheet); a style attribute would break
 * the app's Content-Security-Policy.
 */
import type { ReactNode } from 'react';

export function UserText({ children }: { readonly children?: ReactNode }) {
  return (
    <bdi dir="auto" data-user-text="">
      {children}
    </bdi>
  );
}
