// Unit tests run on fake-indexeddb: only the storage edge is faked, the code above it is real.
import 'fake-indexeddb/auto';
