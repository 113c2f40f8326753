/* placeholder: being written */
#include "config.h"
#include "sp-unit.h"
