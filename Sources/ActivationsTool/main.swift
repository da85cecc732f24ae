import ActivationsChapter

ActivationsCommand.main()
