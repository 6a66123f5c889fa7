// Zstandard (Debian: libzstd-dev) for the stores' compressed event bodies (Storage's EventBodyCodec, format 2).
#include <zstd.h>
