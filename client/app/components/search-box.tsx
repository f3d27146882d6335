import { useEffect, useState } from 'react';

import { navigate, useLocation } from '../router';
import { screens } from '../routes';

/**
 * The header search field. Typing opens the search screen with the query in the URL; results
 * come from the local replica, so they appear as fast as one can type, offline too.
 */
export function SearchBox() {
  const { path, query } = useLocation();
  const urlQuery = path === '/search' ? (query.get('q') ?? '') : '';
  const [text, setText] = useState(urlQuery);

  useEffect(() => setText(urlQuery), [urlQuery]);

  const update = (value: string) => {
    setText(value);
    const to = `/search?q=${encodeURIComponent(value)}`;
    // Each keystroke replaces the entry, so Back leaves search instead of un-typing letters.
    navigate(to, { replace: path === '/search' });
  };

  return (
    <form className="searchbox" role="search" onSubmit={(e) => e.preventDefault()}>
      <label className="sr-only" htmlFor="global-search">Search contacts, companies, deals and tasks</label>
      <input
        id="global-search"
        type="search"
        placeholder="Search"
        autoComplete="off"
        value={text}
        onFocus={() => void screens.search.preload()}
        onChange={(e) => update(e.target.value)}
      />
    </form>
  );
}
