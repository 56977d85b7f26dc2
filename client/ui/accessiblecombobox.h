// Every combo box is found by its accessible name. Qt's own interface for QComboBox answers the name with the
// current text on Unix ("Online", not "Your presence"), so an automation suite or a screen reader over AT-SPI
// could find the presence selector only by what it happened to show. This interface answers the name with the
// accessible name (the current text is the value) and otherwise behaves as Qt's: the popup list is its child,
// and "show menu" opens it.
#pragma once

namespace confab::ui {

// Installs the interface for every QComboBox of the process; once is enough, more is harmless.
void installAccessibleComboBoxes();

} // namespace confab::ui
