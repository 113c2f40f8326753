/* placeholder: being written */
#pragma once
#include <glib-object.h>
