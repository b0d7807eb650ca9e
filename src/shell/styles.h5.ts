/** H5: the stylesheets the pre-boot shell paints with, in the app's first CSS file (loaded before any script). */
import '@/components/SessionBanner/index.scss';
import '@/components/ProgressBar/index.scss';
import '@/components/ProjectCard/index.scss';
import './shell.scss';
