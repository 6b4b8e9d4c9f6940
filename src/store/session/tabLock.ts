import { createTabLock } from '../../engine/tabLock';

/** This tab's claim on the GPU (see engine/tabLock). */
export const engineTabLock = createTabLock();
