/* placeholder: being written */
#include "config.h"
#include "sp-identity.h"
