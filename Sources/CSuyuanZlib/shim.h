// zlib (Debian: zlib1g-dev) for the SQLite store's compressed event bodies.
#include <zlib.h>
