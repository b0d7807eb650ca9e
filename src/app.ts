import { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initCloud } from '@/services/cloud';
import { useCampaign } from '@/stores/campaign';
import { useProjects } from '@/stores/projects';
import { hashPath, isHomePath } from '@/services/prefetch';
import '@/shell/styles';
import './app.scss';

/**
 * Start what the first screen needs while the framework is still booting: every page shows the campaign, and the
 * home its first page of cards, so their first render has the data instead of a loading state.
 */
function prefetch(path: string): void {
  void useCampaign.getState().refresh();
  if (isHomePath(path)) useProjects.getState().ensureFirstPage();
}

// H5 has nothing to initialise, so it starts before Taro's router and the home's chunk load.
if (process.env.TARO_ENV === 'h5') prefetch(hashPath(window.location.hash));

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    initCloud();
    if (process.env.TARO_ENV !== 'h5') prefetch(options?.path ?? '');
  });
  return children;
}

export default App;
