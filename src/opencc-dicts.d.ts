// opencc-js ships its dictionaries as modules (`export default "key value|…"`) without types.
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
