/** Open Graph's and X's large card (1.91:1): the size every platform shows uncropped. */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 };
