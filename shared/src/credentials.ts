// The machine credentials of a site, as the admin API lists them: device keys for the
// devices that report events, display tokens for the walls. The secret itself is in the
// answer that issues it, and never again.

export interface DeviceKeyView {
  id: string;
  name: string;
  prefix: string;
  site: string;
  requireSignature: boolean;
  createdAt: string;
  revokedAt: string | null;
}

export interface IssuedDeviceKey {
  id: string;
  key: string;
  site: string;
  prefix: string;
  requireSignature: boolean;
}

export interface DisplayTokenView {
  id: string;
  site: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface IssuedDisplayToken extends DisplayTokenView {
  /** Shown once: put it in the wall's URL as `?token=`. */
  token: string;
}
