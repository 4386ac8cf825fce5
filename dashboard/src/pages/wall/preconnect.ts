import { preconnectLive } from '../../live/useLiveSite';
import { wallParams } from './wall-params';

/**
 * Loaded beside the wall's own chunk and far smaller: the snapshot is asked for while the
 * wall's code still arrives and first renders, so that live figures are on screen at once.
 */
export function preconnectWall(): void {
  const { site, token } = wallParams(location.search);
  preconnectLive(site, token);
}
