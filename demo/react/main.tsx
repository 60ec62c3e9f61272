import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OrderStatus } from './OrderStatus.js';

const root = document.querySelector<HTMLElement>('#root')!;
createRoot(root).render(
  <StrictMode>
    <OrderStatus sessionUrl={root.dataset.sessionUrl!} />
  </StrictMode>,
);
