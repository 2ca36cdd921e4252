// Part of the lounges page; see js/lounges/events.js for what it hears.
import { on } from "/js/lounges/events.js";
