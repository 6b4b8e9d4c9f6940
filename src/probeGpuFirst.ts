/**
 * main.tsx imports this first. Modules run in import order, so the WebGPU adapter request goes out
 * before React and the app's modules run (measured here: 50 ms on a reload, 200 ms on a first
 * visit) and overlaps them and the reading of saved chats, instead of following them.
 */
import { startGpuProbe } from './models/gpuProbe';

void startGpuProbe();
