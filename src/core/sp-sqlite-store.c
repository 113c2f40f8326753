/* placeholder: being written */
#include "config.h"
#include "sp-sqlite-store.h"
