// Deprecated name of <kubelint/version.h> (renamed in 0.2 because the C header includes it); kept
// for one release so code that includes it keeps building.
#pragma once

#include <kubelint/version.h>
