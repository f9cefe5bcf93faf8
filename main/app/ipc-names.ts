// The two Electron IPC channel names: one invoke channel carrying every contract call (the channel
// name travels as an argument and is checked against the contract's list), one for events.
export const INVOKE_CHANNEL = 'studio:invoke';
export const EVENT_CHANNEL = 'studio:event';
