// Prints the extension's shapedWords (background/prefilter.js) of each text of a JSON list
// given as the first argument: test_shaping.py compares them with the backend's shaping.
import { load } from "./load.mjs";

const { shapedWords } = load(["background/prefilter.js"], ["shapedWords"]);
console.log(JSON.stringify(JSON.parse(process.argv[2]).map(shapedWords)));
