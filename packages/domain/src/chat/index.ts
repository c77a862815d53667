/** Live chat: services and hours, frames, request bodies. */
export * from './chatServices';
export * from './chatFrames';
export * from './chatRequests';
export * from './chatLines';
