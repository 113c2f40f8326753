/* placeholder: being written */
#include "config.h"
#include "sp-store.h"
