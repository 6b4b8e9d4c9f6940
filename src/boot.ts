/**
 * index.html loads this before the app. The first screen waits on two things the browser does
 * slowly and elsewhere: a WebGPU adapter, and the database of saved chats. Asked here, they run
 * while the app's own JavaScript still downloads and compiles, instead of after it.
 */
import { startGpuProbe } from './models/gpuProbe';
import { openSharedDatabase } from './persistence/idbStorage';

void startGpuProbe();
void openSharedDatabase();
