/* placeholder: being written */
#include "config.h"
#include "sp-liability.h"
