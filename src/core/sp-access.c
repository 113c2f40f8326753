/* placeholder: being written */
#include "config.h"
#include "sp-access.h"
