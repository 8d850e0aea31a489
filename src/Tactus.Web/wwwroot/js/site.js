// Small behaviours every page may use; each module finds its own elements and does nothing without them.
import "./region-picker.js";
import "./copy-button.js";
import "./session-timeout.js";
import "./drafts.js";
import "./body-chart.js";
