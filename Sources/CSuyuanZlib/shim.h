// zlib (Debian: zlib1g-dev) for the stores' compressed event bodies (Storage's EventBodyCodec).
#include <zlib.h>
