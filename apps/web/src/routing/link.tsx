import type { AnchorHTMLAttributes } from 'react';
import { handleLinkClick } from './navigation';

/** An ordinary link (works with a middle click, copy link, no JS) that navigates in place on a plain click. */
export function Link({ to, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  return <a {...rest} href={to} onClick={(event) => handleLinkClick(event, to)} />;
}
