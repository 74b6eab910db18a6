import './public.css';
import type { FunctionComponent } from 'preact';
import { Complaints } from './Complaints';
import { PublicHome } from './Home';
import { Offices } from './Offices';
import { publicHome } from './pages';
import { ReceiptCheck } from './Receipt';
import { Tariffs } from './Tariffs';

const byPath: Record<string, FunctionComponent> = {
  [publicHome]: PublicHome,
  '/public/receipt': ReceiptCheck,
  '/public/complaints': Complaints,
  '/public/tariffs': Tariffs,
  '/public/offices': Offices,
};

/** The public page at a path; an unknown path below /public shows their home. */
export const publicScreenAt = (path: string): FunctionComponent => byPath[path] ?? PublicHome;
